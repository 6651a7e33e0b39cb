"""a township chooses its pacing rule: linear (时间过半、任务过半) or seasonal (its past years' shape)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 18:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: on SQLite a CHECK constraint would rebuild org_unit, which the rows of every
    # table referring to it (with foreign keys on) forbid; the constraint is added where ALTER can.
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pacing', sa.String(length=16), server_default='linear', nullable=False))
    if op.get_bind().dialect.name != 'sqlite':
        op.create_check_constraint('pacing', 'org_unit', "pacing IN ('linear', 'seasonal')")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint('pacing', 'org_unit', type_='check')
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.drop_column('pacing')
