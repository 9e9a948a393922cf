/** commander's argParser for a repeatable option (`-l a=b -l c=d`): the values in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
