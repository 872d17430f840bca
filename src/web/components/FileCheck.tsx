import { Card, FileInput, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';

/**
 * Check a file before anything is saved: the browser reads the chosen file (refusing one that is
 * too large before sending a byte) and hands the bytes on for a preview. Used by every
 * "upload, see what would happen, then confirm" screen.
 */
export function useFileCheck(options: {
  maxBytes: number;
  tooLarge: string;
  /** A new choice (or none): forget the previous preview and result. */
  onReset: () => void;
  onRead: (data: ArrayBuffer, file: File) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setBytes(null);
    setFileError(undefined);
    options.onReset();
    if (!chosen) return;
    if (chosen.size > options.maxBytes) {
      setFileError(options.tooLarge);
      return;
    }
    // The bytes go as they are: the server recognises the encoding and the separator.
    const data = await chosen.arrayBuffer();
    setBytes(data);
    options.onRead(data, chosen);
  };
  return { file, bytes, fileError, choose };
}

export function FilePickerCard({
  label,
  description,
  placeholder,
  accept,
  clearLabel,
  checking,
  check,
}: {
  label: string;
  description: string;
  placeholder?: string;
  accept: string;
  clearLabel: string;
  /** Said while the server checks the file. */
  checking: string | null;
  check: ReturnType<typeof useFileCheck>;
}) {
  return (
    <Card withBorder padding="md">
      <FileInput
        label={label}
        description={description}
        descriptionProps={{ c: 'gray.8' }}
        placeholder={placeholder}
        classNames={placeholder ? { placeholder: 'file-placeholder' } : undefined}
        accept={accept}
        value={check.file}
        onChange={(chosen) => void check.choose(chosen)}
        error={check.fileError}
        clearable
        clearButtonProps={{ 'aria-label': clearLabel }}
        maw={480}
      />
      <div aria-live="polite">{checking ? <Text mt="sm">{checking}</Text> : null}</div>
    </Card>
  );
}

/** What a file would bring, before it is saved: a few facts, then whatever the screen adds. */
export function PreviewCard({
  title,
  facts,
  children,
}: {
  title: string;
  facts: { label: string; value: ReactNode }[];
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="preview-title">
      <Title order={2} size="h4" id="preview-title" mb="sm">
        {title}
      </Title>
      <dl className="record">
        {facts.map((fact) => (
          <div className="record-field" key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </Card>
  );
}
