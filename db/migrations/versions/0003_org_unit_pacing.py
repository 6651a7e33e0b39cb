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
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pacing', sa.String(length=16), server_default='linear', nullable=False))
        batch_op.create_check_constraint('pacing', "pacing IN ('linear', 'seasonal')")


def downgrade() -> None:
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.drop_constraint('pacing', type_='check')
        batch_op.drop_column('pacing')
