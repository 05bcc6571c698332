import { SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';

export function Figures({ children }: { children: ReactNode }) {
  return <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">{children}</SimpleGrid>;
}
