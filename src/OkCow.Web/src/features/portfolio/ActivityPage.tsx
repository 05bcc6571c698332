import { Badge, Button, Paper, Stack, Text, Title, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { keys, queries } from '../../api/queries';
import { useCommand } from '../../api/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { WriteStatus } from '../../components/WriteStatus';
import { useActivity, type Activity } from '../../lib/activity';
import { formatCount, formatKst, formatWon } from '../../lib/format';
import { useSession } from '../auth/SessionContext';

const statusColor: Record<string, string> = {
  pending: 'gray',
  open: 'blue',
  partiallyFilled: 'cyan',
  filled: 'teal',
  completed: 'teal',
  cancelled: 'gray',
  rejected: 'red',
};

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge color={statusColor[status] ?? 'gray'}>{t(`activity.statuses.${status}`, { defaultValue: status })}</Badge>;
}

function Rejection({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <Text size="sm" c="red.9">
      {t(`problem.codes.${code}`, { defaultValue: code })} ({code})
    </Text>
  );
}

export function OrderRow({ orderId, fundId }: { orderId: string; fundId: string }) {
  const { t, i18n } = useTranslation();
  const order = useQuery(queries.order(orderId));
  const cancel = useCommand({
    send: () => api.cancelOrder(fundId, orderId),
    invalidates: () => [keys.order(orderId), keys.orderBook(fundId), keys.fund(fundId)],
  });
  const o = order.data;
  const sideLabel = o?.side ? t(`market.${o.side}`) : '';
  const label = o ? `${t('activity.order')} ${sideLabel} ${formatWon(o.price)} × ${formatCount(o.quantity)}` : t('activity.order');
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={label}>
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>{label}</Text>
        {o ? <StatusBadge status={o.status} /> : null}
      </Group>
      {o ? (
        <Text size="sm" c="dimmed">
          {t('activity.filled')} {formatCount(o.filledQuantity)} · {t('activity.remaining')} {formatCount(o.remainingQuantity)} ·{' '}
          {formatKst(o.updatedAt ?? o.placedAt, i18n.language)}
        </Text>
      ) : null}
      {o ? <Rejection code={o.code} /> : <ProblemAlert error={order.error} />}
      {o && (o.status === 'open' || o.status === 'partiallyFilled') ? (
        <Stack gap={4} mt="xs">
          <Button size="xs" variant="light" color="red" onClick={() => cancel.submit(undefined)} loading={cancel.busy} w="fit-content">
            {t('market.cancelOrder')}
          </Button>
          <WriteStatus phase={cancel.phase} receipt={cancel.receipt} error={cancel.error} />
        </Stack>
      ) : null}
    </Paper>
  );
}

function SubscriptionRow({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const s = useQuery(queries.subscription(id)).data;
  const label = `${t('activity.subscription')} ${s ? formatWon(s.amount) : ''}`;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={label}>
      <Group justify="space-between">
        <Text fw={600}>{label}</Text>
        {s ? <StatusBadge status={s.status} /> : null}
      </Group>
      {s?.status === 'completed' ? (
        <Text size="sm">
          {t('common.units')} {formatCount(s.units)} · {t('activity.cost')} {formatWon(s.cost)} · {formatKst(s.updatedAt, i18n.language)}
        </Text>
      ) : null}
      {s ? <Rejection code={s.code} /> : null}
    </Paper>
  );
}

function RedemptionRow({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const r = useQuery(queries.redemption(id)).data;
  const label = `${t('activity.redemption')} ${r ? formatCount(r.units) : ''}`;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={label}>
      <Group justify="space-between">
        <Text fw={600}>{label}</Text>
        {r ? <StatusBadge status={r.status} /> : null}
      </Group>
      {r?.status === 'completed' ? (
        <Text size="sm">
          {t('activity.proceeds')} {formatWon(r.proceeds)} · {formatKst(r.updatedAt, i18n.language)}
        </Text>
      ) : null}
      {r ? <Rejection code={r.code} /> : null}
    </Paper>
  );
}

export function ActivityList({ items }: { items: Activity[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('activity.empty')}</Text>;
  return (
    <Stack gap="xs">
      {items.map((item) =>
        item.kind === 'order' ? (
          <OrderRow key={item.id} orderId={item.id} fundId={item.fundId} />
        ) : item.kind === 'subscription' ? (
          <SubscriptionRow key={item.id} id={item.id} />
        ) : (
          <RedemptionRow key={item.id} id={item.id} />
        ),
      )}
    </Stack>
  );
}

export function ActivityPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const items = useActivity(session?.investorId ?? '');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('activity.title')}
      </Title>
      <ActivityList items={items} />
    </Stack>
  );
}
