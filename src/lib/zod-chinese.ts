// Zod's own messages in Chinese, for documents people edit by hand (the colour and device rules): the
// administrator reading "无效选项" beside a line number fixes it faster than with the schema's English.
import { z } from 'zod';

export const chineseErrors = z.locales.zhCN().localeError;
