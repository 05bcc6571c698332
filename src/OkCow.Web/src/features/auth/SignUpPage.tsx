import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/endpoints';
import { ProblemAlert } from '../../components/ProblemAlert';
import { homeFor, useSession } from './SessionContext';

export function SignUpPage() {
  const { t } = useTranslation();
  const { start } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  // Registering and signing in are two calls; signing in right after spares the person typing it all again.
  const signUp = useMutation({
    mutationFn: async () => {
      await api.register(name, loginId.trim(), password);
      return api.signIn(loginId.trim(), password);
    },
    onSuccess: (session) => {
      start(session);
      void navigate(homeFor(session), { replace: true });
    },
  });
  return (
    <Paper withBorder p="lg" radius="md" maw={420} mx="auto">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          signUp.mutate();
        }}
      >
        <Stack>
          <Title order={1} size="h2">
            {t('auth.signUpTitle')}
          </Title>
          <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="name" required maxLength={100} />
          <TextInput
            label={t('auth.loginId')}
            description={t('auth.loginIdHint')}
            value={loginId}
            onChange={(e) => setLoginId(e.currentTarget.value)}
            autoComplete="username"
            required
            maxLength={32}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
            required
          />
          <ProblemAlert error={signUp.error} />
          <Button type="submit" loading={signUp.isPending}>
            {t('auth.signUp')}
          </Button>
          <Text size="sm">
            {t('auth.haveAccount')}{' '}
            <Anchor component={Link} to="/sign-in">
              {t('nav.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
