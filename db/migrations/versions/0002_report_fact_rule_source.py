"""report facts carry the rule that produced them and where their text came from (text layer or OCR)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 13:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('report_fact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=8), server_default='text', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('report_fact', schema=None) as batch_op:
        batch_op.drop_column('source')
        batch_op.drop_column('rule')
