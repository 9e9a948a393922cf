// A small stand-in for the `vscode` module: only what src/vscode-api.ts names, with the
// semantics the code relies on (Range equality, CodeActionKind hierarchy, recorded edits).
import type * as vscode from 'vscode';
import type { DocumentLike, VscodeApi } from '../../src/vscode-api.js';

class Position {
  constructor(readonly line: number, readonly character: number) {}
  isEqual(other: Position): boolean { return this.line === other.line && this.character === other.character; }
}

class Range {
  constructor(readonly start: Position, readonly end: Position) {}
  isEqual(other: Range): boolean { return this.start.isEqual(other.start) && this.end.isEqual(other.end); }
}

enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }

class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error) {}
}

class Uri {
  private constructor(readonly scheme: string, private readonly text: string) {}
  static parse(text: string): Uri { return new Uri(text.slice(0, text.indexOf(':')), text); }
  get fsPath(): string { return this.text.replace(/^file:\/\//, ''); }
  toString(): string { return this.text; }
}

class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other: CodeActionKind): boolean { return this.value === other.value || this.value === '' || other.value.startsWith(`${this.value}.`); }
  intersects(other: CodeActionKind): boolean { return this.contains(other) || other.contains(this); }
}

class WorkspaceEdit {
  readonly replacements: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void { this.replacements.push({ uri, range, newText }); }
}

class CodeAction {
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  constructor(readonly title: string, readonly kind?: CodeActionKind) {}
}

enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }

class ThemeColor { constructor(readonly id: string) {} }
class ThemeIcon { constructor(readonly id: string, readonly color?: ThemeColor) {} }

class MarkdownString {
  constructor(public value = '', readonly supportThemeIcons = false) {}
  appendMarkdown(text: string): this { this.value += text; return this; }
}

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  constructor(readonly label: string, readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}

class CodeLens { constructor(readonly range: Range, readonly command?: unknown) {} }
class Hover { constructor(readonly contents: unknown, readonly range?: Range) {} }

export const fakeVscode = {
  Position, Range, Diagnostic, DiagnosticSeverity, Uri, CodeAction, CodeActionKind, WorkspaceEdit, TreeItem,
  TreeItemCollapsibleState, ThemeIcon, ThemeColor, MarkdownString, CodeLens, Hover,
} as unknown as VscodeApi;

export type FakeWorkspaceEdit = WorkspaceEdit;

/** A document over `text` with VS Code's offset <-> (line, character) mapping. */
export function fakeDocument(text: string, uri = 'file:///work/trap.yaml', version = 1): DocumentLike {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return {
    uri: Uri.parse(uri) as unknown as vscode.Uri,
    version,
    getText: () => text,
    positionAt(offset: number) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let line = 0;
      while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= clamped) line++;
      return new Position(line, clamped - lineStarts[line]!) as unknown as vscode.Position;
    },
    offsetAt(position: vscode.Position) {
      return Math.min(text.length, lineStarts[Math.min(position.line, lineStarts.length - 1)]! + position.character);
    },
  };
}

/** Apply recorded replacements (non-overlapping) to the document's text. */
export function applyEdit(document: DocumentLike, edit: unknown): string {
  const replacements = (edit as WorkspaceEdit).replacements
    .map((r) => ({ start: document.offsetAt(r.range.start as never), end: document.offsetAt(r.range.end as never), newText: r.newText }))
    .sort((a, b) => b.start - a.start);
  let text = document.getText();
  for (const r of replacements) text = text.slice(0, r.start) + r.newText + text.slice(r.end);
  return text;
}

type Listener<T> = (value: T) => void;

/** `window.createQuickPick()`'s object as the namespace pick uses it: the test types, moves and accepts. */
export class FakeQuickPick<T extends { label: string }> {
  title?: string;
  placeholder?: string;
  ignoreFocusOut = false;
  matchOnDescription = false;
  busy = false;
  value = '';
  activeItems: readonly T[] = [];
  private rows: readonly T[] = [];
  get items(): readonly T[] { return this.rows; }
  /** As VS Code does: new items move the cursor to the first one shown. */
  set items(items: readonly T[]) {
    this.rows = items;
    this.activeItems = this.visible().slice(0, 1);
  }
  selectedItems: readonly T[] = [];
  shown = false;
  disposed = false;
  private readonly listeners = { accept: [] as Listener<void>[], hide: [] as Listener<void>[], value: [] as Listener<string>[] };
  onDidAccept = (listener: Listener<void>) => this.subscribe(this.listeners.accept, listener);
  onDidHide = (listener: Listener<void>) => this.subscribe(this.listeners.hide, listener);
  onDidChangeValue = (listener: Listener<string>) => this.subscribe(this.listeners.value, listener);
  show(): void { this.shown = true; }
  dispose(): void { this.disposed = true; }
  /** What VS Code shows: the items the value matches (by label, or by description with matchOnDescription), alwaysShow ones too. */
  visible(): T[] {
    const needle = this.value.trim();
    return this.items.filter((item) => {
      const shown = item as T & { alwaysShow?: boolean; description?: string };
      return !needle || shown.alwaysShow || item.label.includes(needle) || (this.matchOnDescription && (shown.description ?? '').includes(needle));
    });
  }
  type(value: string): void {
    this.value = value;
    for (const listener of this.listeners.value) listener(value);
  }
  focus(label: string): void { this.activeItems = this.items.filter((item) => item.label === label); }
  accept(): void {
    // VS Code accepts the focused row of what is shown
    const focused = this.activeItems.find((item) => this.visible().includes(item)) ?? this.visible()[0];
    this.activeItems = focused ? [focused] : [];
    for (const listener of this.listeners.accept) listener();
  }
  /** Enter as the host sees it when its cursor is on no row (it was moved while the list changed). */
  acceptWithoutCursor(): void {
    this.activeItems = [];
    for (const listener of this.listeners.accept) listener();
  }
  hide(): void { for (const listener of this.listeners.hide) listener(); }
  private subscribe<V>(list: Listener<V>[], listener: Listener<V>) {
    list.push(listener);
    return { dispose: () => list.splice(list.indexOf(listener), 1) };
  }
}
