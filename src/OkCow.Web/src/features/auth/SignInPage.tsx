import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/endpoints';
import { ProblemAlert } from '../../components/ProblemAlert';
import { homeFor, useSession } from './SessionContext';

export function SignInPage() {
  const { t } = useTranslation();
  const { start, endedBecause } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api.signIn(loginId.trim(), password),
    onSuccess: (session) => {
      start(session);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from ?? homeFor(session), { replace: true });
    },
  });
  return (
    <Paper withBorder p="lg" radius="md" maw={420} mx="auto">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          signIn.mutate();
        }}
      >
        <Stack>
          <Title order={1} size="h2">
            {t('auth.signInTitle')}
          </Title>
          {endedBecause === 'expired' ? <Alert color="yellow">{t('auth.expired')}</Alert> : null}
          <TextInput label={t('auth.loginId')} value={loginId} onChange={(e) => setLoginId(e.currentTarget.value)} autoComplete="username" required />
          <PasswordInput label={t('auth.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" required />
          <ProblemAlert error={signIn.error} />
          <Button type="submit" loading={signIn.isPending}>
            {t('auth.signIn')}
          </Button>
          <Text size="sm">
            {t('auth.noAccount')}{' '}
            <Anchor component={Link} to="/sign-up">
              {t('nav.signUp')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
