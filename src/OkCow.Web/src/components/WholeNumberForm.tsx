import { Button, Group, NumberInput, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseWhole } from '../lib/format';

/** A form of one whole number (an amount, a count of units) and a submit button. */
export function WholeNumberForm({
  label,
  submitLabel,
  onSubmit,
  busy,
  status,
  prefix,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (value: number) => void;
  busy: boolean;
  status?: ReactNode;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | number>('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const whole = parseWhole(value);
        setInvalid(whole === null || whole < 1);
        if (whole !== null && whole >= 1) onSubmit(whole);
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <NumberInput
            label={label}
            value={value}
            onChange={setValue}
            thousandSeparator=","
            allowDecimal={false}
            allowNegative={false}
            prefix={prefix}
            hideControls
            error={invalid ? t('common.wholeNumber') : undefined}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
        {status}
      </Stack>
    </form>
  );
}
