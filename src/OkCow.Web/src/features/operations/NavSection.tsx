import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queries } from '../../api/queries';
import { Figure } from '../../components/Figure';
import { Figures } from '../../components/Figures';
import { QueryState } from '../../components/Loading';
import { formatCount, formatKst, formatMcpi, formatNav, formatWon, fromKstInput, toKstInput } from '../../lib/format';

// The chart library is the largest dependency; only the operators' fund screen needs it.
const NavChart = lazy(() => import('./NavChart'));

function AsOfFigures({ fundId, at }: { fundId: string; at: string }) {
  const { t, i18n } = useTranslation();
  const nav = useQuery(queries.navAt(fundId, at));
  if (!nav.data) return <QueryState isPending={nav.isPending} error={nav.error} />;
  return (
    <Stack gap="xs" component="section" aria-label={t('operations.asOfTitle', { at: formatKst(nav.data.at, i18n.language) })}>
      <Text fw={600}>{t('operations.asOfTitle', { at: formatKst(nav.data.at, i18n.language) })}</Text>
      <Figures>
        <Figure label={t('market.nav')} value={formatNav(nav.data.nav)} />
        <Figure label={t('market.netAssets')} value={formatWon(nav.data.netAssets)} />
        <Figure label={t('market.cash')} value={formatWon(nav.data.cash)} />
        <Figure label={t('market.unitsOutstanding')} value={formatCount(nav.data.unitsOutstanding)} />
        <Figure label={t('market.mcpi')} value={formatMcpi(nav.data.mcpi)} />
      </Figures>
    </Stack>
  );
}

/** NAV and net assets over time, and every figure as of a chosen instant rebuilt from the log (R11). */
export function NavSection({ fundId }: { fundId: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery(queries.navHistory(fundId));
  const [input, setInput] = useState(() => toKstInput(new Date()));
  const [asOf, setAsOf] = useState<string | null>(null);
  const points = history.data?.points ?? [];
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.navChart')}>
      <Stack>
        <Title order={2} size="h4">
          {t('operations.navChart')}
        </Title>
        <QueryState isPending={history.isPending} error={history.error} />
        {points.length > 0 ? (
          <Suspense fallback={<Text size="sm">{t('common.loading')}</Text>}>
            <NavChart
              points={points}
              label={t('operations.navChart')}
              language={i18n.language}
              onPick={(instant) => {
                setInput(toKstInput(instant));
                setAsOf(fromKstInput(toKstInput(instant)));
              }}
            />
          </Suspense>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setAsOf(fromKstInput(input));
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              type="datetime-local"
              label={t('operations.asOf')}
              value={input}
              onChange={(event) => setInput(event.currentTarget.value)}
              step={1}
            />
            <Button type="submit">{t('operations.showAsOf')}</Button>
          </Group>
        </form>
        {asOf ? <AsOfFigures fundId={fundId} at={asOf} /> : null}
        {points.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table captionSide="top">
              <Table.Caption>{t('operations.navHistory')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('common.at')}</Table.Th>
                  <Table.Th scope="col">{t('market.nav')}</Table.Th>
                  <Table.Th scope="col">{t('market.netAssets')}</Table.Th>
                  <Table.Th scope="col">{t('market.unitsOutstanding')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {points.slice(-12).reverse().map((point) => (
                  <Table.Tr key={`${point.at}-${point.netAssets}-${point.unitsOutstanding}`}>
                    <Table.Th scope="row">{formatKst(point.at, i18n.language)}</Table.Th>
                    <Table.Td>{formatNav(point.nav)}</Table.Td>
                    <Table.Td>{formatWon(point.netAssets)}</Table.Td>
                    <Table.Td>{formatCount(point.unitsOutstanding)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Paper>
  );
}
