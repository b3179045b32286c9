import { useState } from 'preact/hooks';
import { session } from '../session.js';
import { Field, Page, html, useAction } from '../ui.js';

/** Sign-in: Easy Auth in Azure (单位账号登录), or a personal access token pasted for this tab. */
export function SignInPage({ notice, easyAuth }) {
  const [token, setToken] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(() => session.signInWithToken(token));
  };
  return html`<${Page} title="登录信息工作台">
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
    ${easyAuth ? html`<p><a class="button" href=${session.easyAuthLogin()}>使用单位账号登录</a></p>
      <p class="muted">或者使用管理员发给您的访问令牌：</p>` : null}
    <form class="card narrow" onSubmit=${submit}>
      <${Field} label="访问令牌" type="password" autocomplete="off" required value=${token}
        hint="令牌以 ifp_ 开头，只保存在本标签页中，关闭后即失效。"
        error=${action.error && action.error.detail} onInput=${e => setToken(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit" disabled=${action.busy || !token.trim()}>${action.busy ? '正在登录……' : '登录'}</button>
      </div>
    </form>
  </${Page}>`;
}
