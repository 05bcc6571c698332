import { Alert, Button, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { keys, queries } from '../../api/queries';
import { useCommand } from '../../api/useCommand';
import { Figure } from '../../components/Figure';
import { Figures } from '../../components/Figures';
import { QueryState } from '../../components/Loading';
import { WriteStatus } from '../../components/WriteStatus';
import { formatKst, formatMcpi, fromKstInput } from '../../lib/format';

export function McpiStatus() {
  const { t, i18n } = useTranslation();
  const mcpi = useQuery(queries.mcpi());
  if (!mcpi.data) return <QueryState isPending={mcpi.isPending} error={mcpi.error} />;
  const m = mcpi.data;
  return (
    <Stack gap="xs">
      <Figures>
        <Figure label={t('operations.current')} value={formatMcpi(m.value)} hint={`${t('common.at')} ${formatKst(m.at, i18n.language)}`} />
        <Figure label={t('operations.reference')} value={formatMcpi(m.referenceValue)} />
      </Figures>
      {m.halted ? (
        <Alert color="red" role="status">
          {t('operations.haltedUntil', { until: formatKst(m.haltedUntil, i18n.language) })}
        </Alert>
      ) : (
        <Alert color="teal" role="status">
          {t('operations.notHalted')}
        </Alert>
      )}
    </Stack>
  );
}

export function McpiPage() {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | number>('');
  const [at, setAt] = useState('');
  const publish = useCommand({
    send: (input: { value: number; at?: string }) => api.publishMcpi(input.value, input.at),
    readsAt: () => '/api/mcpi',
    invalidates: () => [keys.mcpi, ['fund'], ['nav-history']],
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('operations.mcpiTitle')}
      </Title>
      <McpiStatus />
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.publish')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const number = typeof value === 'number' ? value : Number.parseFloat(value);
            if (!Number.isFinite(number)) return;
            publish.submit({ value: number, at: at ? (fromKstInput(at) ?? undefined) : undefined });
          }}
        >
          <Stack gap="xs">
            <NumberInput label={t('operations.value')} value={value} onChange={setValue} decimalScale={2} allowNegative={false} hideControls required />
            <TextInput type="datetime-local" step={1} label={t('operations.publishAt')} value={at} onChange={(e) => setAt(e.currentTarget.value)} />
            <Button type="submit" loading={publish.busy} w="fit-content">
              {t('operations.publish')}
            </Button>
            <WriteStatus phase={publish.phase} receipt={publish.receipt} error={publish.error} />
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
