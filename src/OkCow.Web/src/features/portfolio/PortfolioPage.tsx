import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
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
    </Stack>
  );
}
