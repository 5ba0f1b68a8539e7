import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from '../../components/session/LoginForm';

export const metadata: Metadata = { title: 'Sign in' };

export default function LoginPage() {
  return (
    <main className="login-page">
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
