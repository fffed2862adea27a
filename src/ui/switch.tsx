/**
 * An on/off switch: a native checkbox with role="switch", so it is keyboard-
 * and screen-reader-ready without extra script. Styles: `@/src/ui/switch.css`.
 */

/** Props of {@link Switch}. */
export interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Accessible name; shown next to the switch unless `hideLabel`. */
  label: string;
  /** Keep the label for assistive technology only (e.g. when a row heading already says it). */
  hideLabel?: boolean;
  disabled?: boolean;
  /** Extra class on the root label, for layout. */
  class?: string;
}

/** An on/off switch with its label. */
export function Switch({ checked, onChange, label, hideLabel = false, disabled = false, class: className }: SwitchProps) {
  return (
    <label class={className ? `pl-switch ${className}` : 'pl-switch'}>
      <input
        class="pl-switch__input"
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span class="pl-switch__track" aria-hidden="true" />
      <span class={hideLabel ? 'pl-visually-hidden' : 'pl-switch__label'}>{label}</span>
    </label>
  );
}
