import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { queries } from '../../api/queries';
import { QueryState } from '../../components/Loading';
import { formatWon } from '../../lib/format';
import { PortfolioView } from '../portfolio/PortfolioView';

const PAGE = 50;

export function InvestorsPage() {
  const { t } = useTranslation();
  const [skip, setSkip] = useState(0);
  const page = useQuery({ ...queries.investors(skip, PAGE), placeholderData: keepPreviousData });
  const items = page.data?.items ?? [];
  const hasMore = items.length === PAGE;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('operations.investorsTitle')}
      </Title>
      <QueryState isPending={page.isPending} error={page.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('auth.name')}</Table.Th>
              <Table.Th scope="col">{t('auth.loginId')}</Table.Th>
              <Table.Th scope="col">{t('portfolio.availableCash')}</Table.Th>
              <Table.Th scope="col">{t('portfolio.depositBalance')}</Table.Th>
              <Table.Th scope="col">{t('operations.totalValuation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((investor) => (
              <Table.Tr key={investor.investorId}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/operations/investors/${investor.investorId}`}>
                    {investor.name ?? t('operations.erased')}
                  </Anchor>
                </Table.Th>
                <Table.Td>{investor.loginId ?? '—'}</Table.Td>
                <Table.Td>{formatWon(investor.availableCash)}</Table.Td>
                <Table.Td>{formatWon(investor.depositBalance)}</Table.Td>
                <Table.Td>{formatWon(investor.totalValuation)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button variant="default" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - PAGE))}>
          {t('operations.previous')}
        </Button>
        <Button variant="default" disabled={!hasMore} onClick={() => setSkip(skip + PAGE)}>
          {t('operations.next')}
        </Button>
      </Group>
    </Stack>
  );
}

export function InvestorPositionPage() {
  const { t } = useTranslation();
  const { investorId = '' } = useParams();
  const profile = useQuery(queries.investor(investorId));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {profile.data ? (profile.data.erased ? t('operations.erased') : `${profile.data.name} (${profile.data.loginId})`) : t('operations.position')}
        </Title>
        <Anchor component={Link} to={`/operations/audit?stream=investor-${investorId}`}>
          {t('operations.auditOf')}
        </Anchor>
      </Group>
      <PortfolioView investorId={investorId} />
    </Stack>
  );
}
