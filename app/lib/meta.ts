// Every page's <title> ends with the product's name.
export function title(page: string): { title: string }[] {
  return [{ title: `${page} – Q Exchange` }];
}
