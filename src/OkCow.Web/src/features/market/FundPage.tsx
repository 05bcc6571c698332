import { Alert, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { queries } from '../../api/queries';
import { QueryState } from '../../components/Loading';
import { useActivity } from '../../lib/activity';
import { useSession } from '../auth/SessionContext';
import { ActivityList } from '../portfolio/ActivityPage';
import { FundFigures, PropertiesTable } from './FundFigures';
import { OrderBookView } from './OrderBookView';
import { TradeForms } from './TradeForms';

function MyOrders({ investorId, fundId }: { investorId: string; fundId: string }) {
  const { t } = useTranslation();
  const items = useActivity(investorId).filter((a) => a.fundId === fundId);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('activity.title')}
      </Title>
      <ActivityList items={items} />
    </Stack>
  );
}

export function FundPage() {
  const { t } = useTranslation();
  const { fundId = '' } = useParams();
  const { session } = useSession();
  const fund = useQuery(queries.fund(fundId));
  const investorId = session?.investorId;
  if (!fund.data) return <QueryState isPending={fund.isPending} error={fund.error} />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {fund.data.name}
      </Title>
      <FundFigures fund={fund.data} />
      <Title order={2} size="h4">
        {t('market.orderBook')}
      </Title>
      <OrderBookView fundId={fundId} />
      {investorId ? (
        <>
          <TradeForms fundId={fundId} investorId={investorId} />
          <MyOrders investorId={investorId} fundId={fundId} />
        </>
      ) : (
        <Alert color="blue">{t('market.signInToTrade')}</Alert>
      )}
      <PropertiesTable fund={fund.data} />
    </Stack>
  );
}
