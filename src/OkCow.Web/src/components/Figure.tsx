import { Paper, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** One labelled figure; a group named by its label, so a person (and a test) finds the value by what it means. */
export function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-labelledby={id}>
      <Text size="xs" c="dimmed" id={id}>
        {label}
      </Text>
      <Text fw={700} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
