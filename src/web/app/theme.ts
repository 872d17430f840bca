import {
  CheckboxGroup,
  type CSSVariablesResolver,
  createTheme,
  NativeSelect,
  PasswordInput,
  Textarea,
  TextInput,
} from '@mantine/core';

// Labels stay exactly the field's name (no asterisk): forms ask only for what they need.
const plainLabel = { defaultProps: { withAsterisk: false } };

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  components: {
    TextInput: TextInput.extend(plainLabel),
    PasswordInput: PasswordInput.extend(plainLabel),
    NativeSelect: NativeSelect.extend(plainLabel),
    Textarea: Textarea.extend(plainLabel),
    CheckboxGroup: CheckboxGroup.extend(plainLabel),
  },
});

/** Darker secondary text than Mantine's default, so small text keeps enough contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
