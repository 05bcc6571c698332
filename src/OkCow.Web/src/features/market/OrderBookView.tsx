import { SimpleGrid, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queries } from '../../api/queries';
import type { PriceLevel } from '../../api/types';
import { QueryState } from '../../components/Loading';
import { formatCount, formatWon } from '../../lib/format';

function Levels({ caption, levels }: { caption: string; levels: PriceLevel[] }) {
  const { t } = useTranslation();
  return (
    <Table captionSide="top" striped>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('common.price')}</Table.Th>
          <Table.Th scope="col">{t('common.quantity')}</Table.Th>
          <Table.Th scope="col">{t('market.orders')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {levels.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={3}>
              <Text size="sm" c="dimmed">
                {t('market.emptyBook')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ) : (
          levels.map((level) => (
            <Table.Tr key={level.price}>
              <Table.Th scope="row">{formatWon(level.price)}</Table.Th>
              <Table.Td>{formatCount(level.quantity)}</Table.Td>
              <Table.Td>{formatCount(level.orderCount)}</Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
    </Table>
  );
}

export function OrderBookView({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const book = useQuery(queries.orderBook(fundId));
  if (!book.data) return <QueryState isPending={book.isPending} error={book.error} />;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} component="section" aria-label={t('market.orderBook')}>
      <Levels caption={t('market.bids')} levels={book.data.bids} />
      <Levels caption={t('market.asks')} levels={book.data.asks} />
    </SimpleGrid>
  );
}
