import type { Bilingual } from '../../i18n/i18n.ts';

const zh = {
  title: '登录',
  subtitle: '一中心四平台一网格',
  username: '用户名',
  password: '密码',
  usernameRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  signIn: '登录',
  demoTitle: '演示账号（密码 {password}）',
  demoHint: '点击账号即可填入',
  expired: '登录已过期，请重新登录',
  disabled: '账号已停用，请联系安全管理员',
  locked: '密码连续错误，账号已锁定至 {until}',
  wrong: '用户名或密码错误',
  publicLink: '群众上报 / 查询进度',
};
const en: Record<keyof typeof zh, string> = {
  title: 'Sign in',
  subtitle: 'One centre, four platforms, one grid',
  username: 'Username',
  password: 'Password',
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  signIn: 'Sign in',
  demoTitle: 'Demo accounts (password {password})',
  demoHint: 'Click an account to fill it in',
  expired: 'Your session has expired. Please sign in again.',
  disabled: 'This account is disabled. Ask the security administrator.',
  locked: 'Too many wrong passwords: the account is locked until {until}',
  wrong: 'Wrong username or password',
  publicLink: 'Report a problem / track it',
};
export const authMessages: Bilingual<typeof zh> = { zh, en };
