import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Navigate, Route, Routes } from 'react-router';
import { isProblem } from './api/problem';
import { Layout } from './components/Layout';
import { RequireRole } from './features/auth/RequireRole';
import { homeFor, SessionProvider, useSession } from './features/auth/SessionContext';
import { SignInPage } from './features/auth/SignInPage';
import { SignUpPage } from './features/auth/SignUpPage';
import { FundPage } from './features/market/FundPage';
import { FundsPage } from './features/market/FundsPage';
import { AuditPage } from './features/operations/AuditPage';
import { InvestorPositionPage, InvestorsPage } from './features/operations/InvestorsPage';
import { McpiPage } from './features/operations/McpiPage';
import { OperatorFundPage, OperatorFundsPage } from './features/operations/OperatorFundsPage';
import { ReadSidePage } from './features/operations/ReadSidePage';
import { ReconciliationPage } from './features/operations/ReconciliationPage';
import { ActivityPage } from './features/portfolio/ActivityPage';
import { PortfolioPage } from './features/portfolio/PortfolioPage';

// Shade 9 for filled colours and a darker "dimmed" keep every text at WCAG AA contrast (axe checks it end to end).
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 9,
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif',
});

// Light variants (alerts, badges, the active menu item) write in a dark tone of their colour: shade 6 on its own
// tinted background misses WCAG AA, and so does shade 9 for teal, red and yellow.
const lightText: Record<string, string> = {
  blue: '#114a80',
  teal: '#05573e',
  red: '#8f1d1d',
  yellow: '#6b4100',
  orange: '#7c3100',
  cyan: '#0b525b',
  gray: '#343a40',
};
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(Object.entries(lightText).map(([color, text]) => [`--mantine-color-${color}-light-color`, text])),
  },
  dark: {},
});

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal (4xx) will not change on retry; a network blip might.
        retry: (count, error) => count < 2 && !(isProblem(error) && error.status >= 400 && error.status < 500),
        staleTime: 1000,
      },
    },
  });
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeFor(session) : '/market'} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="sign-up" element={<SignUpPage />} />
        <Route path="market" element={<FundsPage />} />
        <Route path="market/:fundId" element={<FundPage />} />
        <Route element={<RequireRole role="investor" />}>
          <Route path="portfolio" element={<PortfolioPage />} />
          <Route path="activity" element={<ActivityPage />} />
        </Route>
        <Route path="operations" element={<RequireRole role="operator" />}>
          <Route path="funds" element={<OperatorFundsPage />} />
          <Route path="funds/:fundId" element={<OperatorFundPage />} />
          <Route path="mcpi" element={<McpiPage />} />
          <Route path="investors" element={<InvestorsPage />} />
          <Route path="investors/:investorId" element={<InvestorPositionPage />} />
          <Route path="reconciliation" element={<ReconciliationPage />} />
          <Route path="read-side" element={<ReadSidePage />} />
          <Route path="audit" element={<AuditPage />} />
        </Route>
        <Route path="*" element={<Home />} />
      </Route>
    </Routes>
  );
}

export function Providers({ client, children }: { client: QueryClient; children: React.ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <QueryClientProvider client={client}>
        <SessionProvider>{children}</SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
