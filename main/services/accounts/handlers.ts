import type { accountCalls, familyPortalCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { AccountService } from './accountService';
import type { FamilySupport } from './familySupport';

type Names = keyof typeof accountCalls | keyof typeof familyPortalCalls;

export function accountHandlers({
  accounts,
  familySupport,
}: {
  accounts: AccountService;
  familySupport: FamilySupport;
}): StaffHandlersFor<Names> {
  return {
    'accounts.search': (input, ctx) => accounts.search(actor(ctx), input),
    'accounts.get': (input, ctx) => accounts.get(actor(ctx), input.id),
    'accounts.setNoEmail': (input, ctx) => accounts.setNoEmail(actor(ctx), input.id, input.noEmail),
    'accounts.resendConfirmation': (input, ctx) =>
      accounts.resendConfirmation(actor(ctx), input.id),
    'accounts.recordRefusal': (input, ctx) => accounts.recordRefusal(actor(ctx), input),
    'accounts.reactivate': (input, ctx) => accounts.reactivate(actor(ctx), input.id),
    'accounts.close': (input, ctx) => accounts.close(actor(ctx), input.id),
    'campaign.summary': (_input, ctx) => accounts.campaign(actor(ctx)),
    'campaign.list': (input, ctx) => accounts.campaignList(actor(ctx), input),
    'campaign.csv': (input, ctx) => accounts.csv(actor(ctx), input),
    'accounts.preview': (input, ctx) => familySupport.preview(actor(ctx), input),
    'accounts.previewNotes': (input, ctx) => familySupport.previewNotes(actor(ctx), input),
    'accounts.previewInfoSheet': (input, ctx) => familySupport.previewInfoSheet(actor(ctx), input),
    'accounts.splitMerge': (input, ctx) => familySupport.splitMerge(actor(ctx), input.id),
    'childReports.list': (_input, ctx) => familySupport.reports(actor(ctx)),
    'childReports.handle': (input, ctx) => familySupport.handleReport(actor(ctx), input.id),
  };
}
