import { fieldId } from "./field";

/** A labelled select for GET filter forms; the first option ("all") submits an empty value. */
export function SelectField(props: {
  label: string;
  name: string;
  value: string;
  options: { value: string; label: string }[];
  all?: string;
}) {
  const id = fieldId(props.name);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <select className="select" id={id} name={props.name} defaultValue={props.value}>
        {props.all ? <option value="">{props.all}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
