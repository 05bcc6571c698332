import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queries } from '../../api/queries';
import type { Holding } from '../../api/types';
import { Figure } from '../../components/Figure';
import { Figures } from '../../components/Figures';
import { QueryState } from '../../components/Loading';
import { formatCount, formatRate, formatWon } from '../../lib/format';

function HoldingCard({ holding }: { holding: Holding }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={holding.fundName}>
      <Anchor component={Link} to={`/market/${holding.fundId}`} fw={700}>
        {holding.fundName}
      </Anchor>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs" mt="xs">
        <Figure label={t('common.units')} value={formatCount(holding.units)} />
        <Figure label={t('portfolio.lockedUnits')} value={formatCount(holding.lockedUnits)} />
        <Figure label={t('portfolio.navValue')} value={formatWon(holding.navValue)} />
        <Figure label={t('portfolio.valuation')} value={formatWon(holding.valuation)} />
        <Figure label={t('portfolio.royalties')} value={formatWon(holding.royaltiesReceived)} />
        <Figure label={t('portfolio.totalPaid')} value={formatWon(holding.totalPaid)} />
        <Figure label={t('portfolio.totalReceived')} value={formatWon(holding.totalReceived)} />
        <Figure label={t('portfolio.returnRate')} value={formatRate(holding.returnRate)} />
        <Figure label={t('portfolio.marketReturnRate')} value={formatRate(holding.marketReturnRate)} />
      </SimpleGrid>
    </Paper>
  );
}

/** An investor's cash and holdings (R22–R23); shown to the investor and to operators. */
export function PortfolioView({ investorId }: { investorId: string }) {
  const { t } = useTranslation();
  const portfolio = useQuery(queries.portfolio(investorId));
  if (!portfolio.data) return <QueryState isPending={portfolio.isPending} error={portfolio.error} />;
  const p = portfolio.data;
  return (
    <Stack>
      <Figures>
        <Figure label={t('portfolio.availableCash')} value={formatWon(p.availableCash)} />
        <Figure label={t('portfolio.pendingCash')} value={formatWon(p.pendingCash)} />
        <Figure label={t('portfolio.depositBalance')} value={formatWon(p.depositBalance)} />
        <Figure label={t('portfolio.tradingValueToday')} value={formatWon(p.tradingValueToday)} />
      </Figures>
      <Title order={2} size="h3">
        {t('portfolio.holdings')}
      </Title>
      {p.holdings.length === 0 ? <Text c="dimmed">{t('portfolio.noHoldings')}</Text> : null}
      {p.holdings.map((holding) => (
        <HoldingCard key={holding.fundId} holding={holding} />
      ))}
    </Stack>
  );
}
