import factory
from allauth.account.models import EmailAddress

from accounts.models import Membership, RoleLevel, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"nutzer{n}@example.org")
    password = factory.django.Password("ein-langes-test-passwort")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = RoleLevel.EDITOR


def member(territory=None, role=RoleLevel.COORDINATOR, *, organisation=None, **user_fields):
    """A new user with one role in a territory or an organisation; coordinators and admins with
    the second factor they must have."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, territory=territory, organisation=organisation, role=role)
    return with_mfa(user) if role >= RoleLevel.COORDINATOR else user


def with_mfa(user):
    """Give a user a TOTP authenticator, as coordinators and admins must have."""
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.demo import DEMO_TOTP_SECRET

    TOTP.activate(user, DEMO_TOTP_SECRET)
    return user
