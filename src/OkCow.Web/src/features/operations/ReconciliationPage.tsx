import { Alert, Button, SimpleGrid, Stack, Title, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queries } from '../../api/queries';
import { Figure } from '../../components/Figure';
import { QueryState } from '../../components/Loading';
import { formatCount, formatKst, formatWon } from '../../lib/format';

export function ReconciliationPage() {
  const { t, i18n } = useTranslation();
  const rec = useQuery(queries.reconciliation());
  const r = rec.data;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('operations.reconciliationTitle')}
      </Title>
      <Button variant="default" w="fit-content" onClick={() => void rec.refetch()} loading={rec.isFetching}>
        {t('common.refresh')}
      </Button>
      <QueryState isPending={rec.isPending} error={rec.error} />
      {r ? (
        <>
          <Alert color={r.agrees ? 'teal' : 'red'} role="status" title={r.agrees ? t('operations.agrees') : t('operations.disagrees')}>
            {formatWon(r.left)} {r.inTransit !== 0 ? `− ${formatWon(r.inTransit)}` : ''} {r.agrees ? '=' : '≠'} {formatWon(r.right)}
            <Text size="xs" c="dimmed">
              {formatKst(r.at, i18n.language)} · {t('operations.eventsRead')} {formatCount(r.eventsRead)}
            </Text>
          </Alert>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap="xs" component="section" aria-label={t('operations.leftSide')}>
              <Title order={2} size="h4">
                {t('operations.leftSide')}
              </Title>
              <Figure label={t('operations.investorCash')} value={formatWon(r.investorCash)} />
              <Figure label={t('operations.fundCash')} value={formatWon(r.fundCash)} />
              <Figure label={t('operations.inTransit')} value={formatWon(r.inTransit)} hint={`${t('operations.openSagas')} ${formatCount(r.openSagas)}`} />
            </Stack>
            <Stack gap="xs" component="section" aria-label={t('operations.rightSide')}>
              <Title order={2} size="h4">
                {t('operations.rightSide')}
              </Title>
              <Figure label={t('operations.deposits')} value={formatWon(r.deposits)} />
              <Figure label={t('operations.withdrawals')} value={formatWon(r.withdrawals)} />
              <Figure label={t('operations.royaltyIncome')} value={formatWon(r.royaltyIncome)} />
              <Figure label={t('operations.propertyPurchases')} value={formatWon(r.propertyPurchases)} />
            </Stack>
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
