import { Button, Code, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { queries } from '../../api/queries';
import { QueryState } from '../../components/Loading';
import { formatKst } from '../../lib/format';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const stream = params.get('stream') ?? '';
  const [input, setInput] = useState(stream);
  const events = useQuery({ ...queries.streamEvents(stream), enabled: stream.length > 0 });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('operations.auditTitle')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setParams({ stream: input.trim() });
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput label={t('operations.streamId')} value={input} onChange={(e) => setInput(e.currentTarget.value)} required style={{ flex: 1, minWidth: 220 }} />
          <Button type="submit">{t('operations.show')}</Button>
        </Group>
      </form>
      {stream ? <QueryState isPending={events.isPending} error={events.error} /> : null}
      {events.data ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped captionSide="top">
            <Table.Caption>{stream}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('operations.version')}</Table.Th>
                <Table.Th scope="col">{t('operations.type')}</Table.Th>
                <Table.Th scope="col">{t('common.at')}</Table.Th>
                <Table.Th scope="col">{t('operations.actor')}</Table.Th>
                <Table.Th scope="col">{t('operations.correlation')}</Table.Th>
                <Table.Th scope="col">{t('operations.data')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.map((e) => (
                <Table.Tr key={e.eventId}>
                  <Table.Th scope="row">{e.version}</Table.Th>
                  <Table.Td>{e.type}</Table.Td>
                  <Table.Td>{formatKst(e.timestamp, i18n.language)}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td>
                    <Code>{e.correlationId}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Code block style={{ maxWidth: 420, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                      {JSON.stringify(e.data)}
                    </Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
