import { Button, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { keys } from '../../api/queries';
import type { Side } from '../../api/types';
import { useCommand } from '../../api/useCommand';
import { WholeNumberForm } from '../../components/WholeNumberForm';
import { WriteStatus } from '../../components/WriteStatus';
import { recordActivity } from '../../lib/activity';
import { parseWhole } from '../../lib/format';

function OrderForm({ fundId, investorId }: { fundId: string; investorId: string }) {
  const { t } = useTranslation();
  const [side, setSide] = useState<Side>('buy');
  const [price, setPrice] = useState<string | number>('');
  const [quantity, setQuantity] = useState<string | number>('');
  const place = useCommand({
    send: (order: { side: Side; price: number; quantity: number }) => api.placeOrder(fundId, investorId, order.side, order.price, order.quantity),
    onAccepted: (receipt) =>
      recordActivity(investorId, { kind: 'order', id: receipt.body.orderId, fundId, at: new Date().toISOString() }),
    invalidates: (_, receipt) => [keys.order(receipt.body.orderId), keys.orderBook(fundId), keys.portfolio(investorId), keys.fund(fundId)],
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('market.placeOrder')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const p = parseWhole(price);
          const q = parseWhole(quantity);
          if (p !== null && q !== null) place.submit({ side, price: p, quantity: q });
        }}
      >
        <Stack gap="xs">
          <Text fw={600}>{t('market.placeOrder')}</Text>
          <SegmentedControl
            aria-label={t('market.side')}
            value={side}
            onChange={(value) => setSide(value as Side)}
            data={[
              { value: 'buy', label: t('market.buy') },
              { value: 'sell', label: t('market.sell') },
            ]}
          />
          <NumberInput label={t('common.price')} value={price} onChange={setPrice} thousandSeparator="," allowNegative={false} allowDecimal={false} hideControls step={100} />
          <NumberInput label={t('common.quantity')} value={quantity} onChange={setQuantity} thousandSeparator="," allowNegative={false} allowDecimal={false} hideControls />
          <Button type="submit" loading={place.busy} color={side === 'buy' ? 'red' : 'blue'}>
            {side === 'buy' ? t('market.buy') : t('market.sell')}
          </Button>
          <WriteStatus phase={place.phase} receipt={place.receipt} error={place.error} />
        </Stack>
      </form>
    </Paper>
  );
}

function SubscribeForm({ fundId, investorId }: { fundId: string; investorId: string }) {
  const { t } = useTranslation();
  const subscribe = useCommand({
    send: (amount: number) => api.subscribe(fundId, investorId, amount),
    onAccepted: (receipt) =>
      recordActivity(investorId, { kind: 'subscription', id: receipt.body.subscriptionId, fundId, at: new Date().toISOString() }),
    invalidates: (_, receipt) => [keys.subscription(receipt.body.subscriptionId), keys.portfolio(investorId), keys.fund(fundId), keys.navHistory(fundId)],
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('market.subscribe')}>
      <WholeNumberForm
        label={t('market.subscribeAmount')}
        submitLabel={t('market.subscribe')}
        onSubmit={subscribe.submit}
        busy={subscribe.busy}
        status={<WriteStatus phase={subscribe.phase} receipt={subscribe.receipt} error={subscribe.error} />}
      />
    </Paper>
  );
}

function RedeemForm({ fundId, investorId }: { fundId: string; investorId: string }) {
  const { t } = useTranslation();
  const redeem = useCommand({
    send: (units: number) => api.redeem(fundId, investorId, units),
    onAccepted: (receipt) =>
      recordActivity(investorId, { kind: 'redemption', id: receipt.body.redemptionId, fundId, at: new Date().toISOString() }),
    invalidates: (_, receipt) => [keys.redemption(receipt.body.redemptionId), keys.portfolio(investorId), keys.fund(fundId), keys.navHistory(fundId)],
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('market.redeem')}>
      <WholeNumberForm
        label={t('market.redeemUnits')}
        submitLabel={t('market.redeem')}
        onSubmit={redeem.submit}
        busy={redeem.busy}
        status={<WriteStatus phase={redeem.phase} receipt={redeem.receipt} error={redeem.error} />}
      />
    </Paper>
  );
}

export function TradeForms({ fundId, investorId }: { fundId: string; investorId: string }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <SubscribeForm fundId={fundId} investorId={investorId} />
      <RedeemForm fundId={fundId} investorId={investorId} />
      <OrderForm fundId={fundId} investorId={investorId} />
    </SimpleGrid>
  );
}
