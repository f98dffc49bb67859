import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDrillRecord, type RecordError } from '@/engine/record/parse';
import type { DrillRecord } from '@/engine/record/schema';
import { decodeUtf8, MAX_RECORD_BYTES } from '@/engine/record/text-input';
import './strings';

export interface OpenedRecord {
  record: DrillRecord;
  fileName: string;
}

/** Reads files as drill records; invalid ones come back as the parser's errors (file, JSON path, message). */
export async function readRecordFiles(files: readonly File[]): Promise<{ opened: OpenedRecord[]; errors: RecordError[] }> {
  const opened: OpenedRecord[] = [];
  const errors: RecordError[] = [];
  for (const file of files) {
    // The same checks as the CLIs (issue 10): size first, then strict UTF-8 (UTF-16 and bad bytes refused).
    if (file.size > MAX_RECORD_BYTES) {
      errors.push({ source: file.name, path: '$', message: `the file is ${Math.round(file.size / 1048576)} MiB, more than the ${MAX_RECORD_BYTES / 1048576} MiB allowed` });
      continue;
    }
    const decoded = decodeUtf8(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!decoded.ok) {
      errors.push({ source: file.name, path: '$', message: decoded.message.slice(file.name.length + 2) });
      continue;
    }
    const result = parseDrillRecord(decoded.text, file.name);
    if (result.ok) opened.push({ record: result.record, fileName: file.name });
    else errors.push(...result.errors);
  }
  return { opened, errors };
}

export function RecordErrors({ errors }: { errors: readonly RecordError[] }) {
  const { t } = useTranslation('review');
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="review-errors">
      <p>{t('invalidFile')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('errorColumns.file')}</th>
            <th scope="col">{t('errorColumns.path')}</th>
            <th scope="col">{t('errorColumns.message')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.source}</td>
              <td>
                <code>{e.path}</code>
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A file input and a drop zone for drill record files. */
export function RecordOpener({ multiple = false, label, onOpened }: { multiple?: boolean; label: string; onOpened: (records: OpenedRecord[]) => void }) {
  const { t } = useTranslation('review');
  const inputId = useId();
  const [errors, setErrors] = useState<RecordError[]>([]);
  const [over, setOver] = useState(false);

  const take = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const { opened, errors: found } = await readRecordFiles(multiple ? [...list] : [list[0]]);
    setErrors(found);
    if (opened.length > 0) onOpened(opened);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files);
  };

  return (
    <div className="record-opener">
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor={inputId} className="opener-label">
          {label}
        </label>
        <input
          id={inputId}
          className="file-input"
          type="file"
          accept=".json,application/json"
          multiple={multiple}
          onChange={(e) => {
            void take(e.target.files);
            e.target.value = '';
          }}
        />
        <span>{t('dropHere')}</span>
      </div>
      <RecordErrors errors={errors} />
    </div>
  );
}
