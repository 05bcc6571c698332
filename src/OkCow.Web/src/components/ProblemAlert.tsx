import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../api/problem';

/** A refusal in words (the rule), with its code and the server's detail. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isProblem(error) ? error.code : 'UNKNOWN_ERROR';
  return (
    <Alert color="red" title={t('problem.title')} role="alert">
      <Text size="sm">{t(`problem.codes.${code}`)}</Text>
      <Text size="xs" c="dimmed">
        {t('problem.code')}: <code>{code}</code>
        {isProblem(error) && error.detail ? ` — ${error.detail}` : ''}
      </Text>
      {isProblem(error) && error.retryAfterSeconds !== null ? (
        <Text size="xs">{t('auth.retryAfter', { seconds: error.retryAfterSeconds })}</Text>
      ) : null}
    </Alert>
  );
}
