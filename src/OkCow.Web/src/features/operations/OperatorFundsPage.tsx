import { Anchor, Button, Group, NumberInput, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { keys, queries } from '../../api/queries';
import { useCommand } from '../../api/useCommand';
import { QueryState } from '../../components/Loading';
import { WholeNumberForm } from '../../components/WholeNumberForm';
import { WriteStatus } from '../../components/WriteStatus';
import { parseWhole } from '../../lib/format';
import { FundList } from '../market/FundsPage';
import { FundFigures, PropertiesTable } from '../market/FundFigures';
import { NavSection } from './NavSection';

function CreateFundForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [basePrice, setBasePrice] = useState<string | number>('');
  const create = useCommand({
    send: (fund: { name: string; basePrice: number }) => api.createFund(fund.name, fund.basePrice),
    invalidates: () => [keys.funds],
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.createFund')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const price = parseWhole(basePrice);
          if (price !== null) create.submit({ name, basePrice: price });
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('operations.createFund')}
          </Title>
          <TextInput label={t('operations.fundName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={100} />
          <NumberInput
            label={t('market.basePrice')}
            description={t('operations.basePriceHint')}
            value={basePrice}
            onChange={setBasePrice}
            thousandSeparator=","
            allowDecimal={false}
            allowNegative={false}
            hideControls
            required
          />
          <Button type="submit" loading={create.busy} w="fit-content">
            {t('operations.createFund')}
          </Button>
          <WriteStatus phase={create.phase} receipt={create.receipt} error={create.error} />
        </Stack>
      </form>
    </Paper>
  );
}

export function OperatorFundsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('operations.fundsTitle')}
      </Title>
      <CreateFundForm />
      <FundList linkTo={(fund) => `/operations/funds/${fund.fundId}`} />
    </Stack>
  );
}

function AcquirePropertyForm({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const [copyrightCode, setCopyrightCode] = useState('');
  const [registrationNumber, setRegistrationNumber] = useState('');
  const [musicId, setMusicId] = useState('');
  const [price, setPrice] = useState<string | number>('');
  const acquire = useCommand({
    send: (property: { copyrightCode: string; registrationNumber: string; musicId: string; price: number }) => api.acquireProperty(fundId, property),
    readsAt: () => `/api/funds/${fundId}`,
    invalidates: () => [keys.fund(fundId), keys.navHistory(fundId)],
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.acquireProperty')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const whole = parseWhole(price);
          if (whole !== null) acquire.submit({ copyrightCode, registrationNumber, musicId, price: whole });
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('operations.acquireProperty')}
          </Title>
          <TextInput label={t('market.copyrightCode')} value={copyrightCode} onChange={(e) => setCopyrightCode(e.currentTarget.value)} required />
          <TextInput label={t('market.registrationNumber')} value={registrationNumber} onChange={(e) => setRegistrationNumber(e.currentTarget.value)} required />
          <TextInput label={t('market.musicId')} value={musicId} onChange={(e) => setMusicId(e.currentTarget.value)} required />
          <NumberInput label={t('market.propertyPrice')} value={price} onChange={setPrice} thousandSeparator="," allowDecimal={false} allowNegative={false} hideControls required />
          <Button type="submit" loading={acquire.busy} w="fit-content">
            {t('operations.acquireProperty')}
          </Button>
          <WriteStatus phase={acquire.phase} receipt={acquire.receipt} error={acquire.error} />
        </Stack>
      </form>
    </Paper>
  );
}

function RoyaltyForm({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const pay = useCommand({
    send: (amount: number) => api.payRoyalty(fundId, amount),
    readsAt: () => `/api/funds/${fundId}`,
    invalidates: () => [keys.fund(fundId), keys.navHistory(fundId), keys.allInvestors],
    // A royalty paid out in full leaves the fund view as it was; until views carry versions, wait less for it.
    landing: { timeoutMs: 3000 },
  });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('operations.payRoyalty')}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('operations.payRoyalty')}
        </Title>
        <WholeNumberForm
          label={t('operations.royaltyAmount')}
          submitLabel={t('operations.payRoyalty')}
          onSubmit={pay.submit}
          busy={pay.busy}
          status={<WriteStatus phase={pay.phase} receipt={pay.receipt} error={pay.error} />}
        />
      </Stack>
    </Paper>
  );
}

export function OperatorFundPage() {
  const { t } = useTranslation();
  const { fundId = '' } = useParams();
  const fund = useQuery(queries.fund(fundId));
  if (!fund.data) return <QueryState isPending={fund.isPending} error={fund.error} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {fund.data.name}
        </Title>
        <Group gap="sm">
          <Anchor component={Link} to={`/operations/audit?stream=fund-${fundId}`}>
            {t('operations.auditOf')}: fund
          </Anchor>
          <Anchor component={Link} to={`/operations/audit?stream=orderbook-${fundId}`}>
            {t('operations.auditOf')}: orderbook
          </Anchor>
        </Group>
      </Group>
      <FundFigures fund={fund.data} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AcquirePropertyForm fundId={fundId} />
        <RoyaltyForm fundId={fundId} />
      </SimpleGrid>
      <NavSection fundId={fundId} />
      <PropertiesTable fund={fund.data} />
    </Stack>
  );
}
