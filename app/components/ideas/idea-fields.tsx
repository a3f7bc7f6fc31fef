import { Radios } from "~/components/checkbox";
import { Field } from "~/components/field";
import { LIMITS } from "~/modules/ideas/limits";
import { MarkdownField } from "./markdown-field";
import { CheckboxGroup } from "./topic-checkboxes";

export type IdeaFormValues = {
  title: string;
  summary: string;
  categoryId: string;
  challengeMd: string;
  topicIds: string[];
};

/** The idea's own fields, shared by the new and edit pages. */
export function IdeaFields(props: {
  values: IdeaFormValues;
  errors?: Record<string, string>;
  categories: { id: string; name: string; description: string }[];
  topics: { id: string; name: string }[];
  previewHtml?: string;
}) {
  const { values, errors = {}, categories, topics } = props;
  return (
    <>
      <Field
        label="Title"
        name="title"
        hint={`A short, plain name for the idea, up to ${LIMITS.titleChars} characters.`}
        defaultValue={values.title}
        error={errors.title}
        maxLength={LIMITS.titleChars}
        required
      />
      <Field
        label="One-line summary"
        name="summary"
        hint="What the idea would change, in a sentence. It shows in lists and when the idea is shared."
        defaultValue={values.summary}
        error={errors.summary}
        multiline
        rows={2}
        maxLength={LIMITS.summaryChars}
      />
      <Radios
        name="categoryId"
        legend="Category"
        options={categories.map((c) => ({ value: c.id, label: c.name, hint: c.description || undefined }))}
        defaultValue={values.categoryId}
        error={errors.categoryId}
      />
      <MarkdownField
        label="The challenge and how it connects to the theme"
        name="challengeMd"
        hint="What is the problem, who does it affect, and how does the idea fit this round's theme?"
        maxWords={LIMITS.challengeWords}
        defaultValue={values.challengeMd}
        error={errors.challengeMd}
        previewHtml={props.previewHtml}
        rows={12}
      />
      {topics.length > 0 ? (
        <CheckboxGroup
          name="topicIds"
          legend="Topics (optional)"
          hint={`Choose up to ${LIMITS.maxTopics}, so people can find the idea.`}
          options={topics.map((t) => ({ value: t.id, label: t.name }))}
          checked={values.topicIds}
          error={errors.topicIds}
        />
      ) : null}
    </>
  );
}

/** The form's values after a post (repeated topicIds arrive joined) or from the saved idea. */
export function formIdeaValues(
  posted: Record<string, string> | undefined,
  saved: IdeaFormValues,
  postedTopics?: string[],
): IdeaFormValues {
  if (!posted) return saved;
  return {
    title: posted.title ?? "",
    summary: posted.summary ?? "",
    categoryId: posted.categoryId ?? "",
    challengeMd: posted.challengeMd ?? "",
    topicIds: postedTopics ?? [],
  };
}
