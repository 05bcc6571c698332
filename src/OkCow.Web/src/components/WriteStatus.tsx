import { Loader, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommandPhase } from '../api/useCommand';
import type { Receipt } from '../api/types';
import { ProblemAlert } from './ProblemAlert';

/** Where a write is: sending, accepted and pending until its view includes it, landed, or refused. */
export function WriteStatus({ phase, receipt, error }: { phase: CommandPhase; receipt?: Receipt; error?: unknown }) {
  const { t } = useTranslation();
  if (phase === 'failed') return <ProblemAlert error={error} />;
  if (phase === 'idle') return null;
  const text =
    phase === 'sending'
      ? t('write.sending')
      : phase === 'landing'
        ? t('write.pending', { stream: receipt?.body.streamId ?? '?', version: receipt?.body.version ?? '?' })
        : phase === 'landed'
          ? t('write.landed')
          : t('write.timedOut');
  return (
    <Group gap="xs" role="status" aria-live="polite">
      {phase === 'sending' || phase === 'landing' ? <Loader size="xs" /> : null}
      <Text size="sm" c={phase === 'landed' ? 'teal.9' : 'dimmed'}>
        {text}
      </Text>
    </Group>
  );
}
