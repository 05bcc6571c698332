import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../../api/session';
import { investorSession, renderApp } from '../../test/render';
import { problem, server } from '../../test/server';

const A = 'a0000000-0000-0000-0000-00000000000a';

const portfolio = (availableCash: number) => ({
  investorId: A,
  availableCash,
  pendingCash: 0,
  depositBalance: availableCash,
  tradingValueToday: 0,
  holdings: [],
});

describe('signing in', () => {
  it('signs in, keeps the session and opens the portfolio', async () => {
    let body: unknown;
    server.use(
      http.post('*/api/sessions', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...investorSession(A), accessToken: 'issued' });
      }),
      http.get(`*/api/investors/${A}/portfolio`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer issued' ? HttpResponse.json(portfolio(10_000)) : problem(401, 'UNAUTHENTICATED'),
      ),
    );
    renderApp('/sign-in');
    await userEvent.type(screen.getByLabelText('아이디', { exact: false }), 'alice');
    await userEvent.type(screen.getByLabelText('비밀번호', { exact: false }), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('group', { name: '출금 가능 금액' })).toHaveTextContent('₩10,000');
    expect(body).toEqual({ loginId: 'alice', password: 'correct horse' });
    expect(loadSession()?.accessToken).toBe('issued');
  });

  it('explains a refused sign-in in words with its code', async () => {
    server.use(http.post('*/api/sessions', () => problem(401, 'INVALID_CREDENTIALS')));
    renderApp('/sign-in');
    await userEvent.type(screen.getByLabelText('아이디', { exact: false }), 'alice');
    await userEvent.type(screen.getByLabelText('비밀번호', { exact: false }), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: '로그인' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('아이디 또는 비밀번호가 올바르지 않습니다.');
    expect(within(alert).getByText('INVALID_CREDENTIALS')).toBeInTheDocument();
    expect(loadSession()).toBeNull();
  });

  it('signs up and then signs in with the same id', async () => {
    const calls: string[] = [];
    server.use(
      http.post('*/api/investors', async ({ request }) => {
        calls.push(`register ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ investorId: A, streamId: `investor-${A}`, version: 1 }, { status: 201, headers: { Location: `/api/investors/${A}` } });
      }),
      http.post('*/api/sessions', async ({ request }) => {
        calls.push(`sign in ${JSON.stringify(await request.json())}`);
        return HttpResponse.json(investorSession(A));
      }),
      http.get(`*/api/investors/${A}/portfolio`, () => HttpResponse.json(portfolio(0))),
    );
    renderApp('/sign-up');
    await userEvent.type(screen.getByLabelText('이름', { exact: false }), 'A');
    await userEvent.type(screen.getByLabelText('아이디', { exact: false }), 'alice');
    await userEvent.type(screen.getByLabelText('비밀번호', { exact: false }), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));
    expect(await screen.findByRole('group', { name: '예치금' })).toHaveTextContent('₩0');
    expect(calls).toEqual([
      'register {"name":"A","loginId":"alice","password":"correct horse"}',
      'sign in {"loginId":"alice","password":"correct horse"}',
    ]);
  });

  it('shows a taken login id as the rule, not only the code', async () => {
    server.use(http.post('*/api/investors', () => problem(409, 'LOGIN_ID_TAKEN')));
    renderApp('/sign-up');
    await userEvent.type(screen.getByLabelText('이름', { exact: false }), 'A');
    await userEvent.type(screen.getByLabelText('아이디', { exact: false }), 'alice');
    await userEvent.type(screen.getByLabelText('비밀번호', { exact: false }), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: '가입하기' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이미 사용 중인 아이디입니다');
  });
});

describe('the session', () => {
  it('survives a reload', async () => {
    server.use(http.get(`*/api/investors/${A}/portfolio`, () => HttpResponse.json(portfolio(52_000))));
    renderApp('/portfolio', investorSession(A));
    expect(await screen.findByRole('group', { name: '출금 가능 금액' })).toHaveTextContent('₩52,000');
  });

  it('is gone after its expiry: the page asks to sign in', async () => {
    renderApp('/portfolio', investorSession(A, -1));
    expect(await screen.findByRole('heading', { name: '로그인' })).toBeInTheDocument();
  });

  it('ends cleanly when the API answers 401', async () => {
    server.use(http.get(`*/api/investors/${A}/portfolio`, () => problem(401, 'UNAUTHENTICATED')));
    renderApp('/portfolio', investorSession(A));
    expect(await screen.findByText('세션이 만료되었습니다. 다시 로그인해 주세요.')).toBeInTheDocument();
    expect(loadSession()).toBeNull();
  });

  it('keeps an investor out of operator screens', async () => {
    server.use(http.get(`*/api/investors/${A}/portfolio`, () => HttpResponse.json(portfolio(0))));
    renderApp('/operations/reconciliation', investorSession(A));
    expect(await screen.findByRole('heading', { name: '내 자산' })).toBeInTheDocument();
  });
});
