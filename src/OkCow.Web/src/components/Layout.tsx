import { AppShell, Burger, Button, Group, NativeSelect, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n';
import { useSession } from '../features/auth/SessionContext';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';

interface Item {
  to: string;
  label: string;
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const { session, end } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const isOperator = session?.roles.includes('operator') ?? false;
  const items: Item[] = [{ to: '/market', label: t('nav.market') }];
  if (session?.investorId) {
    items.unshift({ to: '/portfolio', label: t('nav.portfolio') });
    items.push({ to: '/activity', label: t('nav.activity') });
  }
  if (isOperator) {
    items.push(
      { to: '/operations/funds', label: t('nav.operatorFunds') },
      { to: '/operations/mcpi', label: t('nav.mcpi') },
      { to: '/operations/investors', label: t('nav.investors') },
      { to: '/operations/reconciliation', label: t('nav.reconciliation') },
      { to: '/operations/read-side', label: t('nav.readSide') },
      { to: '/operations/audit', label: t('nav.audit') },
    );
  }
  if (!session) {
    items.push({ to: '/sign-in', label: t('nav.signIn') }, { to: '/sign-up', label: t('nav.signUp') });
  }
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openMenu')} />
            <Title order={2} size="h4" component="p">
              {t('app.name')}
            </Title>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <NativeSelect
            aria-label={t('app.language')}
            size="xs"
            value={i18n.language}
            onChange={(event) => {
              const language = event.currentTarget.value as Language;
              rememberLanguage(language);
              void i18n.changeLanguage(language);
            }}
            data={LANGUAGES.map((language) => ({ value: language, label: language === 'ko' ? '한국어' : 'English' }))}
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.mainNav')} component="nav">
        <Stack gap={2}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
              onClick={close}
            />
          ))}
        </Stack>
        {session ? (
          <Stack gap={4} mt="auto" pt="md">
            <Text size="xs" c="dimmed">
              {t('auth.signedInAs', { who: isOperator ? t('auth.operator') : (session.investorId ?? '') })}
            </Text>
            <Button variant="light" size="xs" onClick={() => end('signedOut')}>
              {t('nav.signOut')}
            </Button>
          </Stack>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <ScreenErrorBoundary>
          <Outlet />
        </ScreenErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
