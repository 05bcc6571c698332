import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes, createQueryClient, Providers } from '../App';
import { saveSession } from '../api/session';
import type { Session } from '../api/types';

export const investorSession = (investorId = 'a0000000-0000-0000-0000-00000000000a', minutes = 60): Session => ({
  accessToken: 'token-a',
  tokenType: 'Bearer',
  expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
  roles: ['investor'],
  investorId,
});

export const operatorSession = (): Session => ({
  accessToken: 'token-operator',
  tokenType: 'Bearer',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  roles: ['operator'],
  investorId: null,
});

/** The whole app at `route`, as a person would open it, with an optional session already stored (a reload). */
export function renderApp(route: string, session?: Session) {
  if (session) saveSession(session);
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false, refetchInterval: false } });
  return render(
    <MemoryRouter initialEntries={[route]}>
      <Providers client={client}>
        <AppRoutes />
      </Providers>
    </MemoryRouter>,
  );
}
