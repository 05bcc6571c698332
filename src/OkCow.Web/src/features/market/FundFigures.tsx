import { Badge, Group, Table, Text, Title, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Fund } from '../../api/types';
import { Figure } from '../../components/Figure';
import { Figures } from '../../components/Figures';
import { formatCount, formatKst, formatMcpi, formatNav, formatWon } from '../../lib/format';

/** R16 while the fund has never traded: reference = NAV rounded down to 100. After a trade the server decides. */
export function bandWhileUntraded(fund: Fund): [number, number] | null {
  if (fund.lastTradePrice !== null) return null;
  const reference = Math.floor(fund.nav / 100) * 100;
  return [Math.ceil((reference * 7) / 1000) * 100, Math.floor((reference * 13) / 1000) * 100];
}

export function FundFigures({ fund }: { fund: Fund }) {
  const { t } = useTranslation();
  const band = bandWhileUntraded(fund);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge color={fund.halted ? 'red' : 'teal'}>{fund.halted ? t('market.halted') : t('market.trading')}</Badge>
        {band ? <Text size="sm">{t('market.band', { low: formatWon(band[0]), high: formatWon(band[1]) })}</Text> : null}
      </Group>
      <Figures>
        <Figure label={t('market.nav')} value={formatNav(fund.nav)} />
        <Figure label={t('market.netAssets')} value={formatWon(fund.netAssets)} />
        <Figure label={t('market.cash')} value={formatWon(fund.cash)} />
        <Figure label={t('market.unitsOutstanding')} value={formatCount(fund.unitsOutstanding)} />
        <Figure label={t('market.currentPrice')} value={formatWon(fund.currentPrice)} />
        <Figure label={t('market.tradingValueToday')} value={formatWon(fund.tradingValueToday)} />
        <Figure label={t('market.basePrice')} value={formatWon(fund.basePrice)} />
        <Figure label={t('market.mcpi')} value={formatMcpi(fund.mcpi)} />
      </Figures>
    </Stack>
  );
}

export function PropertiesTable({ fund }: { fund: Fund }) {
  const { t, i18n } = useTranslation();
  if (fund.properties.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('market.properties')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('market.copyrightCode')}</Table.Th>
              <Table.Th scope="col">{t('market.registrationNumber')}</Table.Th>
              <Table.Th scope="col">{t('market.musicId')}</Table.Th>
              <Table.Th scope="col">{t('market.propertyPrice')}</Table.Th>
              <Table.Th scope="col">{t('market.mcpiAtAcquisition')}</Table.Th>
              <Table.Th scope="col">{t('market.propertyValue')}</Table.Th>
              <Table.Th scope="col">{t('common.at')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fund.properties.map((p) => (
              <Table.Tr key={p.propertyId}>
                <Table.Th scope="row">{p.copyrightCode}</Table.Th>
                <Table.Td>{p.registrationNumber}</Table.Td>
                <Table.Td>{p.musicId}</Table.Td>
                <Table.Td>{formatWon(p.price)}</Table.Td>
                <Table.Td>{formatMcpi(p.mcpiAtAcquisition)}</Table.Td>
                <Table.Td>{formatWon(p.value)}</Table.Td>
                <Table.Td>{formatKst(p.acquiredAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
