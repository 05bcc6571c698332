import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from './http';
import { waitForLanding, type LandingOptions, type LandingResult } from './landing';
import type { CommandAnswer, Receipt } from './types';

export type CommandPhase = 'idle' | 'sending' | 'landing' | 'landed' | 'timedOut' | 'failed';

export interface CommandSpec<TVars, TAnswer extends CommandAnswer = CommandAnswer> {
  send: (vars: TVars) => Promise<Receipt<TAnswer>>;
  /** The view the command promises to change, read just before sending so that its change can be recognised. */
  readsAt?: (vars: TVars) => string | undefined;
  /** The query keys the write changes; refetched once it has landed (or the wait gave up). */
  invalidates: (vars: TVars, receipt: Receipt<TAnswer>) => QueryKey[];
  onAccepted?: (receipt: Receipt<TAnswer>, vars: TVars) => void;
  landing?: Omit<LandingOptions, 'before'>;
}

/**
 * A write as the user sees it: sending, then accepted but pending until its view includes it (SPEC §8), then the
 * invalidated queries refetch and the figures change by themselves.
 */
export function useCommand<TVars, TAnswer extends CommandAnswer = CommandAnswer>(spec: CommandSpec<TVars, TAnswer>) {
  const client = useQueryClient();
  const [phase, setPhase] = useState<CommandPhase>('idle');
  // The receipt is known (and shown) from acceptance on, while the write is still landing.
  const [receipt, setReceipt] = useState<Receipt<TAnswer> | undefined>(undefined);
  const mutation = useMutation({
    mutationFn: async (vars: TVars): Promise<{ receipt: Receipt<TAnswer>; result: LandingResult }> => {
      setPhase('sending');
      setReceipt(undefined);
      const readsAt = spec.readsAt?.(vars);
      const before = readsAt ? await getJson<unknown>(readsAt).catch(() => undefined) : undefined;
      const receipt = await spec.send(vars);
      spec.onAccepted?.(receipt, vars);
      setReceipt(receipt);
      setPhase('landing');
      const result = await waitForLanding(receipt, { ...spec.landing, before });
      await Promise.all(spec.invalidates(vars, receipt).map((queryKey) => client.invalidateQueries({ queryKey })));
      return { receipt, result };
    },
    onSuccess: ({ result }) => setPhase(result === 'landed' ? 'landed' : 'timedOut'),
    onError: () => setPhase('failed'),
  });
  return {
    submit: (vars: TVars) => mutation.mutate(vars),
    submitAsync: (vars: TVars) => mutation.mutateAsync(vars),
    phase,
    busy: phase === 'sending' || phase === 'landing',
    error: mutation.error,
    receipt,
    reset: () => {
      mutation.reset();
      setReceipt(undefined);
      setPhase('idle');
    },
  };
}
