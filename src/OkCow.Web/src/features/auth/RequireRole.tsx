import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../api/types';
import { useSession } from './SessionContext';

export function RequireRole({ role }: { role: Role }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (!session.roles.includes(role)) return <Navigate to="/" replace />;
  return <Outlet />;
}
