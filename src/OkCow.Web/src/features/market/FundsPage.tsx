import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queries } from '../../api/queries';
import type { FundSummary } from '../../api/types';
import { QueryState } from '../../components/Loading';
import { formatKst, formatWon } from '../../lib/format';

export function FundList({ linkTo }: { linkTo: (fund: FundSummary) => string }) {
  const { t, i18n } = useTranslation();
  const funds = useQuery(queries.funds());
  if (!funds.data) return <QueryState isPending={funds.isPending} error={funds.error} />;
  if (funds.data.length === 0) return <Text c="dimmed">{t('market.noFunds')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
      {funds.data.map((fund) => (
        <Paper withBorder p="sm" radius="md" component="li" key={fund.fundId}>
          <Anchor component={Link} to={linkTo(fund)} fw={700}>
            {fund.name}
          </Anchor>
          <Text size="sm">
            {t('market.basePrice')} {formatWon(fund.basePrice)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatKst(fund.createdAt, i18n.language)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function FundsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('market.title')}
      </Title>
      <FundList linkTo={(fund) => `/market/${fund.fundId}`} />
    </Stack>
  );
}
