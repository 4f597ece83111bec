// Photos from the camera or files, uploaded as soon as they are picked; the form gets their ids.
import { CameraOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { errorMessage } from './page-state.tsx';
import { uploadPhoto } from '../lib/api.ts';

const MAX_BYTES = 5 * 1024 * 1024;

export const PhotoPicker = ({ onChange, label, max = 9 }: { onChange: (ids: number[]) => void; label: string; max?: number }) => {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<{ id: number }>[]>([]);
  const publish = (list: UploadFile<{ id: number }>[]) => {
    setFiles(list);
    onChange(list.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])));
  };
  return (
    <Upload<{ id: number }>
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp"
      capture={undefined}
      multiple
      fileList={files}
      maxCount={max}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          message.error(`${file.name}: > 5 MB`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadPhoto(file as Blob)
          .then((r) => onSuccess?.(r))
          .catch((e) => {
            message.error(errorMessage(e));
            onError?.(e as Error);
          });
      }}
      onChange={({ fileList }) => publish(fileList.filter((f) => f.status !== 'error'))}
      data-testid="photo-picker"
    >
      {files.length < max && (
        <div>
          <CameraOutlined style={{ fontSize: 20 }} />
          <div style={{ marginTop: 4, fontSize: 12 }}>{label}</div>
        </div>
      )}
    </Upload>
  );
};
