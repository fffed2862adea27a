/**
 * A group of radio buttons under a legend: native inputs, so arrow keys move
 * between choices and the group is announced as one question.
 */

/** One choice of a {@link ChoiceGroup}. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** One line under the label. */
  hint?: string;
}

/** Props of {@link ChoiceGroup}. */
export interface ChoiceGroupProps<T extends string> {
  /** Shared `name` of the radio inputs; also prefixes their ids. */
  name: string;
  legend: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}

/** A radio group with a legend. */
export function ChoiceGroup<T extends string>({ name, legend, choices, value, onChange }: ChoiceGroupProps<T>) {
  return (
    <fieldset class="pl-choices">
      <legend class="pl-choices__legend">{legend}</legend>
      {choices.map((choice) => {
        const id = `${name}-${choice.value}`;
        return (
          <div key={choice.value} class="pl-choice">
            <input
              id={id}
              class="pl-choice__input"
              type="radio"
              name={name}
              value={choice.value}
              checked={choice.value === value}
              aria-describedby={choice.hint ? `${id}-hint` : undefined}
              onChange={() => onChange(choice.value)}
            />
            <label class="pl-choice__label" for={id}>
              {choice.label}
            </label>
            {choice.hint ? (
              <p id={`${id}-hint`} class="pl-choice__hint">
                {choice.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
