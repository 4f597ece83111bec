// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM. Returns rows with their
// 1-based line number in the file, so an import can name the row it rejects.

export type CsvRow = { line: number; cells: string[] };

export const parseCsv = (text: string): CsvRow[] => {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
};

/** Maps rows to objects by the header row; header names are trimmed. */
export const csvRecords = (text: string): { header: string[]; records: { line: number; values: Record<string, string> }[] } => {
  const [head, ...body] = parseCsv(text);
  if (!head) return { header: [], records: [] };
  const header = head.cells.map((h) => h.trim());
  const records = body.map((r) => ({
    line: r.line,
    values: Object.fromEntries(header.map((h, i) => [h, (r.cells[i] ?? '').trim()])),
  }));
  return { header, records };
};

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Rows as CSV with a UTF-8 BOM and CRLF line ends, which Excel opens as UTF-8. */
export const toCsv = (rows: readonly (readonly string[])[]): string => `\ufeff${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
