import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { queries } from '../../api/queries';
import { QueryState } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatCount, formatKst } from '../../lib/format';

export function ReadSidePage() {
  const { t, i18n } = useTranslation();
  const parked = useQuery(queries.parked());
  const [generation, setGeneration] = useState('');
  const rebuild = useMutation({ mutationFn: (name: string) => api.rebuild(name) });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('operations.readSideTitle')}
      </Title>
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.parked')}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('operations.parked')}
            </Title>
            <Button variant="default" size="xs" onClick={() => void parked.refetch()} loading={parked.isFetching}>
              {t('common.refresh')}
            </Button>
          </Group>
          <QueryState isPending={parked.isPending} error={parked.error} />
          {parked.data?.length === 0 ? <Text c="dimmed">{t('operations.noParked')}</Text> : null}
          {parked.data && parked.data.length > 0 ? (
            <Table.ScrollContainer minWidth={640}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('operations.stream')}</Table.Th>
                    <Table.Th scope="col">{t('operations.handler')}</Table.Th>
                    <Table.Th scope="col">{t('operations.version')}</Table.Th>
                    <Table.Th scope="col">{t('operations.eventType')}</Table.Th>
                    <Table.Th scope="col">{t('operations.error')}</Table.Th>
                    <Table.Th scope="col">{t('operations.attempts')}</Table.Th>
                    <Table.Th scope="col">{t('common.at')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {parked.data.map((p) => (
                    <Table.Tr key={`${p.handler}-${p.streamId}`}>
                      <Table.Th scope="row">{p.streamId}</Table.Th>
                      <Table.Td>{p.handler}</Table.Td>
                      <Table.Td>{formatCount(p.fromVersion)}</Table.Td>
                      <Table.Td>{p.eventType}</Table.Td>
                      <Table.Td>{p.error}</Table.Td>
                      <Table.Td>{formatCount(p.attempts)}</Table.Td>
                      <Table.Td>{formatKst(p.lastAttemptAt, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.rebuild')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            rebuild.mutate(generation.trim());
          }}
        >
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('operations.rebuild')}
            </Title>
            <TextInput label={t('operations.generation')} value={generation} onChange={(e) => setGeneration(e.currentTarget.value)} required pattern="[a-z0-9]{1,16}" />
            <Button type="submit" loading={rebuild.isPending} w="fit-content">
              {t('operations.rebuild')}
            </Button>
            <ProblemAlert error={rebuild.error} />
            {rebuild.data ? (
              <Alert color="teal" role="status">
                {t('operations.rebuilt', {
                  generation: rebuild.data.generation,
                  events: formatCount(rebuild.data.events),
                  projections: formatCount(rebuild.data.projections),
                  elapsed: rebuild.data.elapsed,
                })}
              </Alert>
            ) : null}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
