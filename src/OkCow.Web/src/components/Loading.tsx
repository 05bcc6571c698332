import { Loader, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

/** What a screen shows while its query loads or after it failed. */
export function QueryState({ isPending, error }: { isPending: boolean; error: unknown }) {
  const { t } = useTranslation();
  if (error) return <ProblemAlert error={error} />;
  if (!isPending) return null;
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}
