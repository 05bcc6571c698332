import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { keys } from '../../api/queries';
import { useCommand } from '../../api/useCommand';
import { WholeNumberForm } from '../../components/WholeNumberForm';
import { WriteStatus } from '../../components/WriteStatus';
import { useSession } from '../auth/SessionContext';
import { PortfolioView } from './PortfolioView';

function CashForms({ investorId }: { investorId: string }) {
  const { t } = useTranslation();
  const portfolioPath = `/api/investors/${investorId}/portfolio`;
  const deposit = useCommand({
    send: (amount: number) => api.deposit(investorId, amount),
    readsAt: () => portfolioPath,
    invalidates: () => [keys.portfolio(investorId)],
  });
  const withdraw = useCommand({
    send: (amount: number) => api.withdraw(investorId, amount),
    readsAt: () => portfolioPath,
    invalidates: () => [keys.portfolio(investorId)],
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t('portfolio.deposit')}>
        <WholeNumberForm
          label={t('portfolio.depositAmount')}
          submitLabel={t('portfolio.deposit')}
          onSubmit={deposit.submit}
          busy={deposit.busy}
          status={<WriteStatus phase={deposit.phase} receipt={deposit.receipt} error={deposit.error} />}
        />
      </Paper>
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t('portfolio.withdraw')}>
        <WholeNumberForm
          label={t('portfolio.withdrawAmount')}
          submitLabel={t('portfolio.withdraw')}
          onSubmit={withdraw.submit}
          busy={withdraw.busy}
          status={<WriteStatus phase={withdraw.phase} receipt={withdraw.receipt} error={withdraw.error} />}
        />
      </Paper>
    </SimpleGrid>
  );
}

/** SPEC §9: the investor closes their own account, after confirming; the session ends once it is erased. */
function CloseAccount({ investorId }: { investorId: string }) {
  const { t } = useTranslation();
  const { end } = useSession();
  const [confirming, setConfirming] = useState(false);
  const close = useCommand({
    send: () => api.closeAccount(investorId),
    invalidates: () => [keys.portfolio(investorId)],
    onAccepted: () => end('signedOut'),
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('portfolio.closeAccount')}>
      <Stack gap="xs">
        <Text size="sm">{t('portfolio.closeAccountWarning')}</Text>
        <Group>
          {confirming ? (
            <Button color="red" loading={close.busy} onClick={() => close.submit(undefined)}>
              {t('portfolio.closeAccountConfirm')}
            </Button>
          ) : (
            <Button variant="outline" color="red" onClick={() => setConfirming(true)}>
              {t('portfolio.closeAccount')}
            </Button>
          )}
        </Group>
        <WriteStatus phase={close.phase} receipt={close.receipt} error={close.error} />
      </Stack>
    </Paper>
  );
}

export function PortfolioPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const investorId = session?.investorId;
  if (!investorId) return null;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('portfolio.title')}
      </Title>
      <CashForms investorId={investorId} />
      <PortfolioView investorId={investorId} />
      <CloseAccount investorId={investorId} />
    </Stack>
  );
}
