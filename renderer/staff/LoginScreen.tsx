import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { invoke } from '../api/client';
import { LoginInput } from '../../shared/api/staff';
import type { StaffSession } from '../../shared/api/staff';
import { errorMessage } from '../ui/errors';
import { CenteredPanel } from '../ui/CenteredPanel';
import { useDocumentTitle } from './hooks/useDocumentTitle';

interface LoginScreenProps {
  initialLogin?: string;
  /** Why the user is here, e.g. an expired session. */
  notice?: string;
  onSignedIn: (session: StaffSession) => void;
}

export function LoginScreen({ initialLogin = '', notice, onSignedIn }: LoginScreenProps) {
  useDocumentTitle('Connexion');
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    resolver: zodResolver(LoginInput),
    defaultValues: { login: initialLogin, password: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const { setFocus } = form;

  useEffect(() => {
    // A known identifiant (after first start or an expired session) leaves only the password to type.
    setFocus(initialLogin ? 'password' : 'login');
  }, [initialLogin, setFocus]);

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      onSignedIn(await invoke('session.login', values));
    } catch (error) {
      setFailure(error);
      form.setValue('password', '');
      setFocus('password');
    }
  });

  return (
    <CenteredPanel title="Connexion" subtitle="Espace des personnels de l’établissement">
      {notice && failure === null && (
        <Alert color="blue" role="status">
          {notice}
        </Alert>
      )}
      {failure !== null && (
        <Alert color="red" title="Connexion refusée" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Identifiant"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            error={errors.login?.message}
            {...form.register('login')}
          />
          <PasswordInput
            label="Mot de passe"
            autoComplete="current-password"
            error={errors.password?.message}
            {...form.register('password')}
          />
          <Button type="submit" loading={isSubmitting} mt="xs">
            Se connecter
          </Button>
        </Stack>
      </form>
    </CenteredPanel>
  );
}
