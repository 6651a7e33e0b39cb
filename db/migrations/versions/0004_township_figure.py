"""township totals and total targets that accepted reports state, kept beside the villages' figures

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 18:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'township_figure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('township_id', sa.Integer(), nullable=False),
        sa.Column('indicator_code', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('period', sa.String(length=8), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('fact_id', sa.Integer(), nullable=True),
        sa.Column('updated_by', sa.String(length=64), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('actual', 'target')", name=op.f('ck_township_figure_kind')),
        sa.ForeignKeyConstraint(['fact_id'], ['report_fact.id'], name=op.f('fk_township_figure_fact_id_report_fact')),
        sa.ForeignKeyConstraint(['indicator_code'], ['indicator.code'],
                                name=op.f('fk_township_figure_indicator_code_indicator')),
        sa.ForeignKeyConstraint(['township_id'], ['org_unit.id'], name=op.f('fk_township_figure_township_id_org_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_township_figure')),
        sa.UniqueConstraint('township_id', 'indicator_code', 'kind', 'period', name='uq_township_figure_key'),
    )
    op.create_index(op.f('ix_township_figure_township_id'), 'township_figure', ['township_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_township_figure_township_id'), table_name='township_figure')
    op.drop_table('township_figure')
