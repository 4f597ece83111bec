// 重点人员 categories as coloured tags: the ones under supervision stand out from those receiving care.
import { Space, Tag } from 'antd';

/** The categories the registry uses, with their colour; any other tag shows in the default colour. */
export const PERSON_TAGS: Record<string, string> = {
  社区矫正对象: 'red',
  严重精神障碍患者: 'volcano',
  独居老人: 'orange',
  空巢老人: 'gold',
  残疾人: 'blue',
  低保对象: 'geekblue',
  退役军人: 'green',
};

export const PersonTags = ({ tags, none = null }: { tags: string[]; none?: string | null }) => {
  if (tags.length === 0) return none ? <span className="muted">{none}</span> : null;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => <Tag key={tag} color={PERSON_TAGS[tag] ?? 'default'}>{tag}</Tag>)}
    </Space>
  );
};
