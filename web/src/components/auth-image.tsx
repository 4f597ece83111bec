// A stored photo: read with the session's token (an <img src> cannot send it), shown from a blob URL.
import { Image, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { getToken } from '../lib/api.ts';

export const AuthImage = ({ id, size = 96 }: { id: number; size?: number }) => {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    fetch(`/api/v1/files/${id}`, { headers: { authorization: `Bearer ${getToken() ?? ''}` } })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((b) => setUrl((objectUrl = URL.createObjectURL(b))))
      .catch(() => setFailed(true));
    return () => void (objectUrl && URL.revokeObjectURL(objectUrl));
  }, [id]);
  if (failed) return <Skeleton.Image style={{ width: size, height: size }} />;
  if (!url) return <Skeleton.Image active style={{ width: size, height: size }} />;
  return <Image src={url} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 6 }} alt={`photo ${id}`} />;
};
