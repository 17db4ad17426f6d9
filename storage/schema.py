"""Every table, for Alembic and the schema test: importing this registers them all."""

from __future__ import annotations

from storage.base import Base
from storage.delivery import models as delivery_models
from storage.groups import models as group_models
from storage.intake import models as intake_models
from storage.officers import models as officer_models
from storage.tickets import models as ticket_models

METADATA = Base.metadata
MODELS = (intake_models, delivery_models, ticket_models, officer_models, group_models)
